import { ButtonLink } from '@/components/ui/button-link';

/** Shown where a connection is needed: none yet, or the last one has ended. */
export function ConnectPrompt({ returnTo, ended = false }: { returnTo: string; ended?: boolean }) {
  return (
    <section className="mx-auto max-w-xl py-10 text-center">
      <h1 className="text-2xl font-bold tracking-tight">
        {ended ? 'Your Nomos connection has ended' : 'Connect your Nomos account to see your prices'}
      </h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        {ended
          ? 'Access was withdrawn or has expired. Connect again to keep seeing your prices.'
          : 'You sign in on Nomos and choose what this app may read.'}
      </p>
      <div className="mt-6">
        <ButtonLink href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}>Connect your Nomos account</ButtonLink>
      </div>
    </section>
  );
}
