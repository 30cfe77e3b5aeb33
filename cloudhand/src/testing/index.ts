// Test harnesses over real processes, shared by cloudhand's tests, MOS's deploy tests and the deploy benchmark:
// nginx with its own prefix, a local "server" (sshd, nginx, systemctl stand-in) and a recording terraform.
export * from './local-server';
export * from './nginx';
export * from './terraform-stand-in';
