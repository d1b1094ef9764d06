/** A bordered surface for one section of a page. */
export function Card({ children, className = '', ...rest }: React.ComponentPropsWithoutRef<'section'>) {
  return (
    <section className={className ? `card ${className}` : 'card'} {...rest}>
      {children}
    </section>
  );
}
