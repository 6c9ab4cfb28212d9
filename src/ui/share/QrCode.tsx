// A QR code drawn as one SVG path, black on white with its quiet zone, scaled by CSS to fill its box.
import { useMemo } from 'react';
import { qrFor } from './qr';

/** Past this many modules across (version 16), a projected code is hard to read from the back of a room. */
const DENSE_MODULES = 81;

export function QrCode({ text }: { text: string }) {
  const qr = useMemo(() => qrFor(text), [text]);
  if (!qr.ok) return <p className="share-qr-none">{qr.error}</p>;
  return (
    <figure className="share-qr">
      <svg
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        role="img"
        aria-label="QR code of the link to this run"
        data-modules={qr.modules}
        shapeRendering="crispEdges"
      >
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={qr.path} fill="#000" />
      </svg>
      <figcaption>
        Scan to open this run on a phone
        {qr.modules > DENSE_MODULES ? ' (a long run makes a dense code: scan from nearer the screen)' : ''}
      </figcaption>
    </figure>
  );
}
