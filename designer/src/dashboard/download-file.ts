/** Saves a Blob or a data: URL under a file name (an anchor with `download`, as the browser expects). */
export function downloadFile(name: string, data: Blob | string): void {
  const href = typeof data === 'string' ? data : URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
