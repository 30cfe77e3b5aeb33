// Test harnesses over real processes (nginx, sshd, a recording terraform), shared by cloudhand's tests, MOS's
// deploy tests and the deploy benchmark.
export * from './nginx';
