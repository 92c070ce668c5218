import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { QueueView } from '@/components/queue/queue-view';
import { BadLink } from '@/components/ui/bad-link';
import { findQueue, parseQueuePageQuery } from '@/lib/pages';

type Props = {
  /** still percent-encoded in the page (see lib/pages.ts) */
  params: Promise<{ queue: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Unlike the page's own params, generateMetadata's arrive already decoded (Next 16.5, dev and
// production): decoding again would turn a queue named "%41" into "A".
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Queue ${(await params).queue}` };
}

export default async function QueuePage({ params, searchParams }: Props) {
  const queue = await findQueue((await params).queue);
  if (queue === null) notFound();
  const parsed = parseQueuePageQuery(await searchParams);
  if (!parsed.ok) return <BadLink message={parsed.message} queue={queue} />;
  return <QueueView queue={queue} state={parsed.query.state} page={parsed.query.page} />;
}
