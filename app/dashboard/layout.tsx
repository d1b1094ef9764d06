/**
 * The dashboard's pages decide for themselves whether to stream (see
 * `app/dashboard/page.tsx`): a skeleton only while Nomos is asked for
 * something not cached, the page in one piece otherwise.
 */
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return children;
}
