import type { Runner } from '../../src/index.js';

/** Builds a valid runner with every field of the spec set, written for the tests. */
export function healthyRunner(overrides: Partial<Runner> = {}): Runner {
  return {
    runner_id: '192.0.2.21',
    runner_name: 'coordinator-1',
    zone: 'ece-zone-1',
    region: 'ece-region',
    host_ip: '192.0.2.21',
    public_hostname: 'ece-coordinator-1.example.com',
    connected: true,
    healthy: true,
    health_checks: { is_docker_healthy: true, is_connected_to_zk: true, has_containers: true },
    roles: [{ role_name: 'coordinator' }, { role_name: 'director' }],
    containers: [
      { container_name: 'frc-runners-runner', container_set_name: 'runners' },
      { container_name: 'frc-directors-director', container_set_name: 'directors' },
    ],
    build_info: { version: '3.8.0', commit_hash: '0123456789abcdef0123456789abcdef01234567' },
    tags: { cpu_architecture: 'aarch64' },
    features: { sample_feature: false },
    ...overrides,
  };
}

/** Builds an ECE error body with one element. */
export function failedReply(code: string, message: string) {
  return { errors: [{ code, message }] };
}
