// Applies the saved language and elderly mode before the first paint so the page does not jump.
// A separate file, not inline, so a strict Content-Security-Policy (script-src 'self') allows it.
try {
  var locale = localStorage.getItem('minsheng.locale');
  if (locale === 'zh-CN' || locale === 'zh-TW' || locale === 'en') document.documentElement.lang = locale;
  if (localStorage.getItem('minsheng.elderly') === '1') document.documentElement.classList.add('elderly');
} catch (e) {
  /* storage unavailable: defaults apply */
}
