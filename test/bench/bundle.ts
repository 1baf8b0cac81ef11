// Builds a benchmark's subject the way the extension ships its code (esbuild, one minified CommonJS
// file for Node 20) into the ignored .bench/ folder, so what is measured is what users run, not the
// TypeScript loader. BENCH_NO_MINIFY=1 keeps function names, for reading a CPU profile.
import { build } from 'esbuild';

export async function bundleForBench(
  entry: string,
  outfile: string,
  external: string[] = [],
): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    minify: !process.env.BENCH_NO_MINIFY,
    logLevel: 'warning',
  });
  return outfile;
}
