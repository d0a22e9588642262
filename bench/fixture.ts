/**
 * The runner that the benchmark server returns: a coordinator with 24 containers, about
 * 4 KB of JSON, in the shape of ECE 3.8's RunnerInfo. Addresses are documentation ones
 * (192.0.2.0/24 and example.com).
 */
import type { Runner } from '../src/index.js';

export const benchRunnerId = '192.0.2.21';

const containerSets = ['admin-consoles', 'allocators', 'blueprints', 'constructors'];
const containerNames = ['frc-runners-runner', 'frc-services-forwarder', 'frc-beats-runners'];

function benchContainers(): Runner['containers'] {
  const containers: Runner['containers'] = [];
  for (const set of containerSets) {
    for (const name of containerNames) {
      containers.push({ container_name: `${name}-${set}`, container_set_name: set });
      containers.push({ container_name: `${name}-${set}-proxy`, container_set_name: set });
    }
  }

  return containers;
}

/** Builds the runner. It passes the generated RunnerInfo validator. */
export function benchRunner(): Runner {
  return {
    runner_id: benchRunnerId,
    runner_name: 'ece-coordinator-1',
    zone: 'ece-zone-1',
    region: 'ece-region',
    host_ip: benchRunnerId,
    public_hostname: 'ece-coordinator-1.example.com',
    connected: true,
    healthy: true,
    health_checks: { is_docker_healthy: true, is_connected_to_zk: true, has_containers: true },
    roles: [
      { role_name: 'coordinator' },
      { role_name: 'director' },
      { role_name: 'proxy' },
      { role_name: 'allocator' },
    ],
    containers: benchContainers(),
    build_info: {
      version: '3.8.1',
      commit_hash: '0123456789abcdef0123456789abcdef01234567',
    },
    tags: {
      cpu_architecture: 'x86_64',
      image_id: 'ami-0123456789abcdef0',
      instance_type: 'm6i.2xlarge',
      rack: 'rack-07.dc-1.example.com',
    },
    features: { sample_feature: false, proxy_v2: true, stack_pack_cache: true },
  };
}
