/**
 * The screening thread behind `ticketScreener` (ticket-screener.ts): runs `screenTicket` for each
 * message and answers with the same id. A failure answers `failed`: the request's thread then
 * screens that ticket itself, so a fault here is never a lost or different answer.
 */
import { parentPort } from 'node:worker_threads';
import { screenTicket, type ScreeningInput } from './ticket-screening.ts';

parentPort!.on('message', ({ id, input }: { id: number; input: ScreeningInput }) => {
  screenTicket(input).then(
    (result) => parentPort!.postMessage({ id, result }),
    () => parentPort!.postMessage({ id, failed: true }),
  );
});
parentPort!.postMessage({ ready: true });
