import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { JobView } from '@/components/job/job-view';
import { findJob } from '@/lib/pages';

type Props = {
  /** still percent-encoded in the page (see lib/pages.ts) */
  params: Promise<{ queue: string; id: string }>;
};

// generateMetadata's params arrive already decoded, unlike the page's (see app/queues/[queue]/page.tsx).
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { queue, id } = await params;
  return { title: `Job ${id} · ${queue}` };
}

export default async function JobPage({ params }: Props) {
  const { queue, id } = await params;
  const found = await findJob(queue, id);
  if (!found) notFound();
  return <JobView queue={found.queue} id={found.id} />;
}
