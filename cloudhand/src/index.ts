// cloudhand: Hetzner infrastructure as code, nginx and SSH deploys (SPEC §8). The plan model is `./plan`
// (browser-safe); synthesis, nginx and apply are Node modules under their own subpaths.
export * from './plan/index';
