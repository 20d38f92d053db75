/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // Fastify's cookie support is ESM (`cookie` 2) loaded with import()/require(esm): compiled to CommonJS for
    // jest, which runs CommonJS without --experimental-vm-modules.
    '/node_modules/(cookie|@fastify/cookie)/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|@fastify/cookie)/)'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
