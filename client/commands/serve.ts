// `dondoc serve [--port] [--host]`: the web portal (units' links, staff pages) in this process, until
// Ctrl-C. The same as `portal/main.ts`; its settings are the DONDOC_PORTAL_* variables (see README).
import type { Command } from 'commander';
import { runPortal } from '../../portal/main';
import type { Io } from '../kit';

export function registerServe(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description(
      'chạy cổng thông tin web (trang của đơn vị qua đường dẫn riêng, trang của cán bộ) đến khi Ctrl-C',
    )
    .option('--port <port>', 'cổng lắng nghe (mặc định DONDOC_PORTAL_PORT hoặc 8080)')
    .option('--host <host>', 'địa chỉ lắng nghe (mặc định DONDOC_PORTAL_HOST hoặc 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }) => {
      setExit(
        await runPortal({
          env: io.env,
          out: io.out,
          err: io.err,
          ...(opts.port !== undefined ? { port: opts.port } : {}),
          ...(opts.host !== undefined ? { host: opts.host } : {}),
        }),
      );
    });
}
