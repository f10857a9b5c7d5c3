import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A small SMTP server on 127.0.0.1 (the `smtp-server` package): plain connection (no STARTTLS, as an
 * internal relay often is), AUTH LOGIN/PLAIN with one account, messages kept whole. `rejectWith` makes
 * it answer RCPT with an SMTP code (4xx transient, 5xx permanent).
 */
export class SmtpStandIn {
  readonly received: ReceivedMail[] = [];
  rejectWith: { code: number; message: string } | null = null;
  private constructor(private readonly server: SMTPServer) {}

  static async start(user: string, pass: string): Promise<SmtpStandIn> {
    let standIn: SmtpStandIn | undefined;
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === user && auth.password === pass) callback(null, { user });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo(_address, _session, callback) {
        const reject = standIn!.rejectWith;
        if (!reject) return callback();
        const error = new Error(reject.message) as Error & { responseCode: number };
        error.responseCode = reject.code;
        return callback(error);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          standIn!.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    standIn = new SmtpStandIn(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return standIn;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
