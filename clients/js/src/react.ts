import { useEffect, useState } from 'react';
import type { Herald } from './herald.js';
import type { Publication, SubscribedContext, SubscriptionOptions } from './types.js';
import type { SubscriptionState } from './subscription.js';

export interface SubscriptionView<T> {
  /** 'unsubscribed', 'subscribing' or 'subscribed'. */
  state: SubscriptionState;
  /** The latest publication's data, or undefined before the first. */
  data: T | undefined;
  /** Publications received since mount (at most `keep`, newest last). */
  publications: Publication[];
  /** The latest `subscribed` event: `recovered === false` after `wasRecovering` means reload state. */
  subscribed: SubscribedContext | undefined;
  /** The latest subscription error. */
  error: Error | undefined;
}

/**
 * Subscribes `client` to `channel` while the component is mounted and re-renders on each
 * publication. Reuses the client's subscription to the channel when there is one (and then
 * leaves it subscribed on unmount). `keep` bounds the list of publications kept (default 100).
 */
export function useSubscription<T = any>(
  client: Herald | null | undefined,
  channel: string | null | undefined,
  options: SubscriptionOptions & { keep?: number } = {},
): SubscriptionView<T> {
  const [view, setView] = useState<SubscriptionView<T>>(empty);
  const keep = options.keep ?? 100;
  useEffect(() => {
    if (!client || !channel) return undefined;
    const existing = client.getSubscription(channel);
    const owned = !existing || existing.state === 'unsubscribed';
    const sub = owned ? client.subscribe(channel, options) : existing!;
    setView({ ...empty(), state: sub.state });
    const offs = [
      sub.on('subscribing', () => setView((v) => ({ ...v, state: 'subscribing' }))),
      sub.on('subscribed', (ctx) => setView((v) => ({ ...v, state: 'subscribed', subscribed: ctx }))),
      sub.on('unsubscribed', () => setView((v) => ({ ...v, state: 'unsubscribed' }))),
      sub.on('error', (e) => setView((v) => ({ ...v, error: e.error }))),
      sub.on('publication', (p) =>
        setView((v) => ({ ...v, data: p.data as T, publications: [...v.publications, p].slice(-keep) }))),
    ];
    return () => {
      for (const off of offs) off();
      if (owned) sub.unsubscribe();
    };
    // The options object is read once per (client, channel).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, channel, keep]);
  return view;
}

function empty<T>(): SubscriptionView<T> {
  return { state: 'unsubscribed', data: undefined, publications: [], subscribed: undefined, error: undefined };
}
