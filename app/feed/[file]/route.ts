import { feedResponse } from '@/lib/feed/feed-response';

/** A customer's calendar feed, `/feed/<secret>.ics` or `.json`: the secret is the capability. See docs/calendar-feed.md. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  return feedResponse(request, (await params).file);
}
