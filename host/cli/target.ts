// host:port as typed on the command line ([v6]:port too).
export interface Target {
  host: string;
  port: number;
}

export function parseTarget(text: string | undefined): Target {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text ?? '');
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) throw new RangeError(`expected host:port (for example example.com:443), got '${text ?? ''}'`);
  return { host: m[1] ?? m[2], port };
}
