import { useQuery } from '@tanstack/react-query';

/** What the demo server says about itself: which provider it talks to, and the sandbox login if any. */
export interface DemoInfo {
  mode: 'sandbox' | 'provider';
  providerName: string;
  login: { username: string; password: string } | null;
  /** The length of an hour for schedules and the chart: shorter than a real one in fast time. */
  hourMs: number;
  /** The route's default schedule: hours between an account's own refreshes, or null when off. */
  scheduleEveryHours: number | null;
}

export function useDemoInfo() {
  return useQuery({
    queryKey: ['demo-info'],
    queryFn: async (): Promise<DemoInfo> => {
      const response = await fetch('/demo-info.json', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`The demo server answered ${response.status}`);
      return (await response.json()) as DemoInfo;
    },
    staleTime: Infinity,
  });
}
