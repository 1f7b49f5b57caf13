/** `::ffff:10.0.0.1` and `10.0.0.1` are one client: compare addresses in their plain form. */
export function clientAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
