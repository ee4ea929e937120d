import { mount } from "svelte";
// Inter covers Latin and Cyrillic; it is bundled with the app, never fetched.
import "@fontsource-variable/inter/wght.css";
import "./app.css";
import App from "./App.svelte";

mount(App, { target: document.getElementById("app")! });
