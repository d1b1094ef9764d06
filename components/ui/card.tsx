/** A bordered surface for one section of a page. */
export function Card({ children, className = '', ...rest }: React.ComponentPropsWithoutRef<'section'>) {
  return (
    <section
      className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900 ${className}`}
      {...rest}
    >
      {children}
    </section>
  );
}
