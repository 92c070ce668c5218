import { Queue } from '../../engine';

const emails = new Queue('emails', { connection: process.env.REDIS_URL });
const { id, status } = await emails.enqueue('send-welcome', { to: 'ada@example.com' }, {
  retry: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
  timeout: 30_000,
});
console.log(`job ${id} ${status}`);
await emails.close();
