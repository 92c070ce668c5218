// Stands in for a real mail client: waits a little, honours cancellation, returns an id.
export async function sendEmail(to: string, subject: string, { signal }: { signal: AbortSignal }): Promise<string> {
  await new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, 50);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); });
  });
  console.log(`mail to ${to}: ${subject}`);
  return `msg-${Date.now().toString(36)}`;
}
