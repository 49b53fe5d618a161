import 'leaflet/dist/leaflet.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCapabilities } from './api';
import { App } from './App';
import { getSession } from './auth/session';

// Ask the server which fields exist first, so pieces the API lacks yet are hidden, not broken.
// (Signed out, there is nothing to ask: the login page loads them after signing in.)
(getSession() ? loadCapabilities() : Promise.resolve()).finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
