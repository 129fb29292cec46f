// Streamed requests as the benches read them: SSE frames with the moment each was read, and the
// bench upstream's stamps (`ts=<written>;rq=<request arrived>;`, bench/hotpath/fake-upstream.mjs)
// taken out of token frames.
import http from 'node:http';
import { now } from './processes.mjs';

/**
 * One request whose answer is read as server-sent events. Calls onFrame({ id, event, data }, readAt,
 * res) for each event; resolves to { status, error } when the answer ends. A non-2xx answer's body
 * is not parsed.
 */
export function sse(url, { method = 'POST', body, headers = {}, agent }, onFrame) {
  return new Promise((resolve) => {
    const out = { status: 0, error: null };
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, {
      method, agent,
      headers: { Accept: 'text/event-stream', ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }), ...headers },
    }, (res) => {
      out.status = res.statusCode;
      res.setEncoding('utf8');
      let buf = '';
      let frame = { id: null, event: 'message', data: null };
      res.on('data', (d) => {
        const t = now();
        if (res.statusCode < 200 || res.statusCode >= 300) return;
        buf += d;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).replace(/\r$/, '');
          buf = buf.slice(nl + 1);
          if (line === '') {
            if (frame.data !== null) onFrame(frame, t, res);
            frame = { id: null, event: 'message', data: null };
          } else if (line.startsWith('event:')) frame.event = line.slice(6).trim();
          else if (line.startsWith('id:')) frame.id = line.slice(3).trim();
          else if (line.startsWith('data:')) frame.data = frame.data === null ? line.slice(5).trimStart() : `${frame.data}\n${line.slice(5).trimStart()}`;
        }
      });
      res.on('end', () => resolve(out));
      res.on('error', (e) => { out.error = e.message; resolve(out); });
    });
    req.on('error', (e) => { out.error = e.message; resolve(out); });
    req.end(payload);
  });
}

/** The bench upstream's stamps in one frame's data: [{ sent, arrived }] (a frame may hold several tokens). */
export function stamps(data) {
  return [...data.matchAll(/ts=(\d+\.\d+);rq=(\d+\.\d+);/g)].map((m) => ({ sent: Number(m[1]), arrived: Number(m[2]) }));
}

/**
 * One streamed request against a system { url, body, headers, agent, tokenEvent }; records when each
 * token was written upstream and read here, and the last frame's event.
 */
export async function streamOnce(system) {
  const sample = { t0: now(), status: 0, sent: [], recv: [], arrived: NaN, error: null, last: null };
  const { status, error } = await sse(system.url, system, (frame, t) => {
    sample.last = frame.event;
    if (frame.event !== system.tokenEvent) return;
    for (const s of stamps(frame.data)) {
      sample.sent.push(s.sent);
      sample.recv.push(t);
      sample.arrived = s.arrived;
    }
  });
  sample.t1 = now();
  sample.status = status;
  sample.error = error;
  return sample;
}
