import type { JobContext } from '../../engine';
import { sendEmail } from './mailer';

// A worker runs these by task name. Throwing fails the attempt (and retries it, if allowed).
export default {
  async 'send-welcome'({ data, attempt, signal }: JobContext<{ to: string }>) {
    const messageId = await sendEmail(data.to, 'Welcome!', { signal });
    return { to: data.to, attempt, messageId };
  },
};
