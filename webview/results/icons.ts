// Toolbar icons drawn like VS Code's codicons (16×16, one path, currentColor), built as DOM nodes: no icon font
// to load, nothing the CSP has to allow, and they follow every theme (incl. high contrast) through `color`.
const PATHS = {
  play: "M4 2.5v11l9-5.5-9-5.5zm1 1.8L11.1 8 5 11.7V4.3z",
  stop: "M3.5 3.5h9v9h-9z",
  copy: "M4 4V2h9v9h-2v2H2V4h2zm1 0h6v6h1V3H5v1zM3 5v7h7V5H3z",
  export: "M8 1.5l3.5 3.5-.7.7L8.5 3.4V10h-1V3.4L5.2 5.7l-.7-.7L8 1.5zM2.5 9h1v4h9V9h1v5h-11V9z",
  json: "M5 2.5C3.9 2.5 3.5 3.2 3.5 4.2v1.6c0 .7-.4 1.2-1 1.2v1c.6 0 1 .5 1 1.2v1.6c0 1 .4 1.7 1.5 1.7h.5v-1H5c-.4 0-.5-.3-.5-.8V9.1c0-.7-.3-1.3-.8-1.6.5-.3.8-.9.8-1.6V4.3c0-.5.1-.8.5-.8h.5v-1H5zm6 0h-.5v1h.5c.4 0 .5.3.5.8v1.6c0 .7.3 1.3.8 1.6-.5.3-.8.9-.8 1.6v1.6c0 .5-.1.8-.5.8h-.5v1h.5c1.1 0 1.5-.7 1.5-1.7V9.2c0-.7.4-1.2 1-1.2V7c-.6 0-1-.5-1-1.2V4.2c0-1-.4-1.7-1.5-1.7z",
  history: "M8 2a6 6 0 1 1-5.7 4.1l.9.3A5 5 0 1 0 4.4 4.5L6 6H2V2l1.7 1.7A6 6 0 0 1 8 2zm-.5 2.5h1v3.3l2.3 1.4-.5.8-2.8-1.7V4.5z",
  more: "M3 7h2v2H3zm4 0h2v2H7zm4 0h2v2h-2z",
  rerun: "M8 2.5a5.5 5.5 0 1 0 5.3 4h-1A4.5 4.5 0 1 1 8 3.5c1.3 0 2.4.5 3.2 1.3L9.5 6.5h4v-4l-1.6 1.6A5.5 5.5 0 0 0 8 2.5z",
  chart: "M1.5 13.5h13v1h-13zM2.5 8h3v4.5h-3zm1 1v2.5h1V9zm3-5h3v8.5h-3zm1 1v6.5h1V5zm3 2h3v5.5h-3zm1 1v3.5h1V8z",
  chevron: "M4.6 6l3.4 3.4L11.4 6l.7.7L8 10.8 3.9 6.7z",
} as const;

export type IconName = keyof typeof PATHS;

const SVG = "http://www.w3.org/2000/svg";

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "icon");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", PATHS[name]);
  path.setAttribute("fill", "currentColor");
  path.setAttribute("fill-rule", "evenodd");
  svg.append(path);
  return svg;
}
