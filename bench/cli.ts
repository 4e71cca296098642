import { PostgresEventStore } from '@regledger/event-store';
export async function main(argv: string[]): Promise<number> {
  console.log(typeof PostgresEventStore, argv);
  return 0;
}
