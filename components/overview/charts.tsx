'use client';
/**
 * The overview's live charts: backlog (queued jobs) per queue and throughput (finished/failed
 * per bucket). Animations are off: the data changes every poll and should not wobble.
 */
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsResponse } from '@/lib/wire';
import { formatTimestamp, type TimeZoneMode } from '../format';
import { useSettings } from '../providers';

const PALETTE = ['#2563eb', '#7c3aed', '#0891b2', '#d97706', '#db2777', '#16a34a', '#4f46e5', '#ea580c'];
const OTHER_COLOR = '#94a3b8';

const clock = (mode: TimeZoneMode) => (t: number) => formatTimestamp(t, mode, false).slice(11, 19);

function ChartFrame({ title, testId, children, caption }: { title: string; testId: string; caption: string; children: React.ReactElement }) {
  return (
    <section className="panel p-4" data-testid={testId} aria-label={title}>
      <div className="mb-2 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
        <p className="text-xs text-slate-500">{caption}</p>
      </div>
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

export function BacklogChart({ stats }: { stats: StatsResponse }) {
  const { timeZone } = useSettings();
  const { backlog } = stats;
  const names = backlog.other ? [...backlog.queues, 'other queues'] : backlog.queues;
  // Series are keyed by position: queue names may contain '.', which recharts reads as a path.
  const data = backlog.points.map((p) => ({ t: p.t, ...Object.fromEntries(p.counts.map((c, i) => [`s${i}`, c])) }));
  return (
    <ChartFrame title="Backlog per queue" testId="chart-backlog" caption={`queued jobs · last ${stats.windowSeconds / 60} min`}>
      <AreaChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={clock(timeZone)} tick={{ fontSize: 11 }} minTickGap={40} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
        <Tooltip labelFormatter={(t) => formatTimestamp(Number(t), timeZone)} />
        {/* keys s0..s8 sort in rank order; the default would sort queue names alphabetically */}
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter="dataKey" />
        {names.map((name, i) => (
          <Area
            key={`${i}:${name}`}
            dataKey={`s${i}`}
            name={name}
            type="stepAfter"
            stackId="backlog"
            stroke={backlog.other && i === names.length - 1 ? OTHER_COLOR : PALETTE[i % PALETTE.length]}
            fill={backlog.other && i === names.length - 1 ? OTHER_COLOR : PALETTE[i % PALETTE.length]}
            fillOpacity={0.25}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  );
}

export function ThroughputChart({ stats }: { stats: StatsResponse }) {
  const { timeZone } = useSettings();
  return (
    <ChartFrame title="Throughput" testId="chart-throughput" caption={`jobs per ${stats.bucketMs / 1000} s · all queues`}>
      <BarChart data={stats.throughput} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="t" tickFormatter={clock(timeZone)} tick={{ fontSize: 11 }} minTickGap={40} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
        <Tooltip labelFormatter={(t) => formatTimestamp(Number(t), timeZone)} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => (item.value === 'finished' ? 0 : 1)} />
        <Bar dataKey="finished" name="finished" stackId="tp" fill="#10b981" isAnimationActive={false} />
        <Bar dataKey="failed" name="failed" stackId="tp" fill="#ef4444" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
