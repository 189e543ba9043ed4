import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// index.html's static shell goes and App renders the same shell in this one task, so no frame
// shows neither (docs/ui.md, "Startup").
target.replaceChildren();
mount(App, { target });
