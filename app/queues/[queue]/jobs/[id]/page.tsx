import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { JobView } from '@/components/job/job-view';
import { decodeSegment, findJob } from '@/lib/pages';

type Props = {
  /** still percent-encoded: see lib/pages.ts */
  params: Promise<{ queue: string; id: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { queue, id } = await params;
  return { title: `Job ${decodeSegment(id) ?? '?'} · ${decodeSegment(queue) ?? '?'}` };
}

export default async function JobPage({ params }: Props) {
  const { queue, id } = await params;
  const found = await findJob(queue, id);
  if (!found) notFound();
  return <JobView queue={found.queue} id={found.id} />;
}
