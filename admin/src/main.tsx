import 'leaflet/dist/leaflet.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCapabilities } from './api';
import { App } from './App';

// Ask the server which fields exist first, so pieces the API lacks yet are hidden, not broken.
loadCapabilities().finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
