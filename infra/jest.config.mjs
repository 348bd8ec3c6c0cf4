// Unit tests of the infrastructure's own logic (the Kubernetes manifests' renderer).
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/k8s/**/*.spec.mjs'],
  transform: {},
};
