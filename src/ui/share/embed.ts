// The embed code for a course page (Moodle, Canvas, a blog): an iframe of the share link, sized to the
// page's width in the 16:9 the simulator is laid out for. The title is the scenario's, escaped: it
// comes from a file or a link and must stay text inside the attribute.
const escapeAttribute = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function embedCode(url: string, title: string): string {
  return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(`Kafkascope: ${title}`)}" style="width:100%;aspect-ratio:16/9;border:0" allow="clipboard-write; fullscreen" loading="lazy"></iframe>`;
}
