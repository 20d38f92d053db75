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
    // unpdf (PDF text for `dondoc draft`) loads its bundled PDF.js, an ES module, with import(): compiled to
    // CommonJS too, and its "unpdf/pdfjs" (an import-only export) named by path.
    '/node_modules/unpdf/dist/.+\\.(c|m)?js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: { '^unpdf/pdfjs$': '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs' },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|@fastify/cookie|unpdf)/)'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
