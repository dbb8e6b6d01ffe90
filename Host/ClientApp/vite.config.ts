import { defineConfig } from 'vite';

// Built into the Host's web root; the Host serves index.html at "/" and the hashed files under
// /assets/ as immutable (see Host/Dashboard/DashboardEndpoints.cs).
export default defineConfig({
  base: '/',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The polyfill would be bundled, not inlined, but every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    // Keep the CSP strict: nothing inlined as a data: script or font.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` against a Host started with `dotnet run --project AppHost`.
    proxy: { '/graphql': 'http://localhost:5180' },
  },
});
