// `npm run mailcatcher`: the local mail catcher on its own (npm start runs it for you).
import { z } from 'zod';
import { startMailCatcher } from './catcher';

const Env = z.object({
  DONDOC_MAIL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  DONDOC_MAIL_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8025),
  DONDOC_DATA_DIR: z.string().default('.data'),
});

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    for (const i of parsed.error.issues) console.error(`mail catcher: ${i.path.join('.')}: ${i.message}`);
    process.exit(1);
  }
  const env = parsed.data;
  const catcher = await startMailCatcher({
    smtpPort: env.DONDOC_MAIL_SMTP_PORT,
    httpPort: env.DONDOC_MAIL_HTTP_PORT,
    dir: `${env.DONDOC_DATA_DIR}/mail`,
  });
  console.log(`mail catcher: SMTP localhost:${catcher.smtpPort}, web http://localhost:${catcher.httpPort}`);
  const stop = () => void catcher.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`mail catcher: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
