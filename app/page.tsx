import { ButtonLink } from '@/components/ui/button-link';

export default function HomePage() {
  return (
    <section className="mx-auto max-w-2xl py-12 text-center">
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Run your home on the cheapest power</h1>
      <p className="mt-4 text-lg text-slate-600 dark:text-slate-300">
        Connect your Nomos account to see today&apos;s and tomorrow&apos;s 15-minute electricity prices and
        find the cheapest time to charge the car or run the heat pump.
      </p>
      <div className="mt-8">
        <ButtonLink href="/auth/login">Connect your Nomos account</ButtonLink>
      </div>
      <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">
        You sign in on Nomos. This app only gets read access to your prices and never sees a password.
      </p>
    </section>
  );
}
