// A stand-in for the terraform executable (the hcloud provider cannot be downloaded here): records every call
// (argv, cwd, the NAMES of the TF_VAR_* variables it saw, never their values) as one JSON line, and answers
// `init`, `apply` and `output -json` the way a real run would, with every server at the configured address.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const callsFile = process.env.CH_TF_STANDIN_CALLS;
const ip = process.env.CH_TF_STANDIN_IP || '127.0.0.1';
const failOn = process.env.CH_TF_STANDIN_FAIL || '';
const argv = process.argv.slice(2);
const tfVars = Object.keys(process.env)
  .filter((k) => k.startsWith('TF_VAR_'))
  .sort();
if (callsFile) appendFileSync(callsFile, `${JSON.stringify({ argv, cwd: process.cwd(), tfVars })}\n`);

const command = argv[0];
const state = join(process.cwd(), 'terraform.tfstate');
if (command && command === failOn) {
  console.error(`Error: ${command} failed (stand-in told to fail)`);
  process.exit(1);
}

function serverNames(config) {
  const servers = config?.resource?.hcloud_server ?? {};
  return Object.entries(servers).map(([id, s]) => (typeof s?.name === 'string' ? s.name : id));
}

switch (command) {
  case 'init':
    console.log('Initializing the backend...');
    console.log('Initializing provider plugins...');
    console.log('- Installing hetznercloud/hcloud v1.68.0...');
    console.log('Terraform has been successfully initialized!');
    break;
  case 'apply': {
    const file = join(process.cwd(), 'cdk.tf.json');
    if (!existsSync(file)) {
      console.error('Error: No configuration files');
      process.exit(1);
    }
    let config;
    try {
      config = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      console.error(`Error: Invalid JSON in cdk.tf.json: ${err.message}`);
      process.exit(1);
    }
    const names = serverNames(config);
    const resources = Object.values(config.resource ?? {}).reduce((n, r) => n + Object.keys(r).length, 0);
    for (const n of names)
      console.log(`hcloud_server.${n}: Creation complete after 1s [id=${1000 + names.indexOf(n)}]`);
    writeFileSync(state, JSON.stringify({ servers: names }));
    console.log(`Apply complete! Resources: ${resources} added, 0 changed, 0 destroyed.`);
    break;
  }
  case 'output': {
    const names = existsSync(state) ? JSON.parse(readFileSync(state, 'utf8')).servers : [];
    const value = Object.fromEntries(names.map((n) => [n, ip]));
    console.log(
      JSON.stringify({ server_ips: { sensitive: false, type: ['map', 'string'], value } }, null, 2),
    );
    break;
  }
  case 'version':
  case '-version':
    console.log('Terraform v1.9.8 (cloudhand stand-in)');
    break;
  default:
    console.error(`terraform stand-in: unsupported command ${command}`);
    process.exit(1);
}
