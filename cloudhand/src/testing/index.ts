// The end-to-end harness: a local "server" (sshd, nginx, systemctl stand-in) and a recording terraform.
export * from './local-server';
export * from './terraform-stand-in';
