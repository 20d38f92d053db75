// The `dondoc` command line: Vietnamese for people, --json for scripts, and exit codes that mean something
// (0 ok, 1 rejected input, 2 cannot reach the server).
import { Command, CommanderError, Help, type Option } from 'commander';
import { registerAdmin } from './commands/admin';
import { registerAudit } from './commands/audit';
import { registerCalendar } from './commands/calendar';
import { registerDraft } from './commands/draft';
import { registerOverdue } from './commands/overdue';
import { registerReport } from './commands/report';
import { registerServe } from './commands/serve';
import { registerStart } from './commands/start';
import { registerStatus } from './commands/status';
import { registerSubmit } from './commands/submit';
import { registerUser } from './commands/user';
import { loadConnectionSettings } from './connection';
import { EXIT } from './errors';
import type { Io } from './kit';
import {
  addScheduleOptions,
  isScheduleRun,
  runSchedule,
  type ScheduleOptions,
} from './schedule-dry-run/command';
import { langOption, runValidate, type ValidateOptions } from './validate-command';

export { EXIT } from './errors';

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Arguments:': 'Tham số:',
  'Commands:': 'Lệnh:',
  'Global Options:': 'Tùy chọn chung:',
};

/** Commander's own error messages, in Vietnamese. */
function translateError(s: string): string {
  return s
    .replace(/^error: missing required argument '(.+)'/, "lỗi: thiếu tham số bắt buộc '$1'")
    .replace(/^error: required option '(.+)' not specified/, "lỗi: thiếu tùy chọn bắt buộc '$1'")
    .replace(/^error: unknown option '(.+)'/, "lỗi: không có tùy chọn '$1'")
    .replace(/^error: unknown command '(.+)'/, "lỗi: không có lệnh '$1'")
    .replace(/^error: too many arguments/, 'lỗi: thừa tham số')
    .replace(/^error: option '(.+)' argument missing/, "lỗi: tùy chọn '$1' thiếu giá trị")
    .replace(
      /^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\./,
      "lỗi: tùy chọn '$1' không nhận giá trị '$2': chọn $3.",
    )
    .replace(/\(Did you mean (.+)\?\)/, '(Có phải ý bạn là $1?)');
}

export function buildProgram(
  out: (s: string) => void,
  err: (s: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  /** Where `user add|passwd --password-stdin` reads the password. */
  stdin: NodeJS.ReadableStream = process.stdin,
): Command {
  const setExit = (code: number) => {
    program.setOptionValue('exitCode', code);
  };
  const io: Io = { out, err, env, progress: env === process.env && Boolean(process.stderr.isTTY) };
  const program = new Command('dondoc')
    .description('dondoc ("đôn đốc"): nhắc hạn, đôn đốc và tổng hợp báo cáo của các đơn vị, trên Temporal')
    .exitOverride()
    .configureOutput({
      writeOut: out,
      writeErr: err,
      outputError: (s, write) => write(translateError(s)),
    })
    .configureHelp({
      styleTitle: (s: string) => TITLES[s] ?? s,
      optionDescription(this: Help, option: Option) {
        return Help.prototype.optionDescription.call(this, option).replace('(default: ', '(mặc định: ');
      },
    })
    .helpOption('-h, --help', 'hiển thị trợ giúp')
    .helpCommand('help [command]', 'hiển thị trợ giúp của một lệnh')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nMã thoát: 0 thành công; 1 dữ liệu bị từ chối (tệp sai, mã không có, máy chủ từ chối thay đổi);\n' +
        '2 không kết nối được máy chủ Temporal (hoặc không có worker trả lời). Thêm --json để in JSON.\n' +
        'Kết nối: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, ... (xem `dondoc connection`).',
    );

  addScheduleOptions(
    program
      .command('validate')
      .description('kiểm tra tệp chiến dịch (YAML/JSON, đơn vị trong tệp hoặc từ CSV) mà không khởi động gì')
      .argument('<file>', 'tệp chiến dịch')
      .option('--json', 'in kết quả dạng JSON')
      .addOption(langOption()),
  ).action(async (file: string, opts: ValidateOptions & ScheduleOptions) => {
    setExit(isScheduleRun(opts) ? await runSchedule(file, opts, io) : await runValidate(file, opts, io));
  });
  program
    .command('connection')
    .description('máy chủ Temporal dondoc sẽ dùng (hồ sơ envconfig và các biến TEMPORAL_*)')
    .option('--json', 'in kết quả dạng JSON')
    .action((opts: { json?: boolean }) => {
      const s = loadConnectionSettings(env).summary;
      if (opts.json) out(`${JSON.stringify(s, null, 2)}\n`);
      else {
        out(
          `address ${s.address}, namespace ${s.namespace}, profile ${s.profile}, ` +
            `TLS ${s.tls ? 'on' : 'off'}, API key ${s.apiKey ? 'set' : 'not set'}\n`,
        );
      }
    });
  registerStart(program, io, setExit);
  registerStatus(program, io, setExit);
  registerOverdue(program, io, setExit);
  registerSubmit(program, io, setExit);
  registerAdmin(program, io, setExit);
  registerReport(program, io, setExit);
  registerAudit(program, io, setExit);
  registerUser(program, io, setExit, stdin);
  registerServe(program, io, setExit);
  registerDraft(program, io, setExit);
  registerCalendar(program, io, setExit);
  return program;
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
  env: NodeJS.ProcessEnv = process.env,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const program = buildProgram(out, err, env, stdin);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.rejected;
    throw e;
  }
  return (program.getOptionValue('exitCode') as number | undefined) ?? EXIT.ok;
}
