// The only file that knows it runs in a Web Worker: it exposes the realm-neutral host through Comlink.
import { expose } from 'comlink';
import { createEngineHost } from './host';

expose(createEngineHost());
