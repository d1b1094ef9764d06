import { ButtonLink } from '@/components/ui/button-link';
import { getSession } from '@/lib/auth/session';

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [params, session] = await Promise.all([searchParams, getSession()]);
  const ended = params.connection === 'ended';
  const logoutIncomplete = params.logout === 'incomplete';
  return (
    <section className="mx-auto max-w-2xl py-12 text-center">
      {ended && (
        <p
          role="status"
          className="mb-8 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Your Nomos connection has ended. Connect again to see your prices.
        </p>
      )}
      {logoutIncomplete && (
        <p
          role="alert"
          className="mb-8 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          You are logged out in this browser, but the app could not record the logout on its server just now. A copy
          of this session made earlier (on a shared computer, for example) could keep working. To be sure, withdraw
          this app&apos;s access in your Nomos account.
        </p>
      )}
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Run your home on the cheapest power</h1>
      <p className="mt-4 text-lg text-slate-600 dark:text-slate-300">
        Connect your Nomos account to see today&apos;s and tomorrow&apos;s 15-minute electricity prices and
        find the cheapest time to charge the car or run the heat pump.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {session ? (
          <ButtonLink href="/dashboard">See your prices</ButtonLink>
        ) : (
          <ButtonLink href="/auth/login">Connect your Nomos account</ButtonLink>
        )}
      </div>
      <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">
        You sign in on Nomos. This app only gets read access to your prices and never sees a password.
      </p>
      {!session && (
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
          New to Nomos?{' '}
          <a className="font-medium text-brand-700 underline dark:text-brand-500" href="/auth/login?flow=signup">
            Create a Nomos account
          </a>
        </p>
      )}
    </section>
  );
}
