import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createRoot } from 'react-dom/client';
import { gatewayUrl } from './endpoint';
import { Explorer } from './explorer';

const root = createRoot(document.getElementById('root')!);
void gatewayUrl().then((url) => root.render(<Explorer url={url} />));
