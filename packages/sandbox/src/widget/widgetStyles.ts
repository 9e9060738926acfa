/** The widget's stylesheet: no external assets, system fonts, visible focus. */
export const WIDGET_STYLES = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;color:#0f172a;
  background:rgba(15,23,42,.55);display:flex;align-items:center;justify-content:center;padding:16px}
.card{width:100%;max-width:400px;max-height:calc(100vh - 32px);overflow:auto;background:#fff;border-radius:18px;
  box-shadow:0 24px 60px rgba(15,23,42,.35);padding:20px 22px 22px}
header{display:flex;align-items:center;gap:8px;margin-bottom:14px}
.brand{font-weight:700;letter-spacing:.01em}
.pill{font-size:11px;font-weight:700;letter-spacing:.06em;color:#92400e;background:#fef3c7;border-radius:999px;padding:2px 8px}
.close{margin-left:auto;border:0;background:transparent;font-size:24px;line-height:1;width:36px;height:36px;
  border-radius:10px;color:#475569;cursor:pointer}
.close:hover{background:#f1f5f9}
h1{font-size:20px;margin:4px 0 6px}
h1:focus{outline:none}
p{margin:0 0 12px;color:#475569}
.banks{list-style:none;margin:10px 0 0;padding:0;display:grid;gap:8px}
.bank{width:100%;display:flex;align-items:center;gap:12px;padding:10px 12px;border:1px solid #e2e8f0;border-radius:12px;
  background:#fff;font:inherit;color:inherit;text-align:left;cursor:pointer}
.bank:hover{border-color:#0b7a75;background:#f0fdfa}
.bank img,.logo{width:32px;height:32px;border-radius:8px;flex:none}
label{display:block;font-weight:600;margin:12px 0 4px}
input{width:100%;font:inherit;padding:10px 12px;border:1px solid #cbd5e1;border-radius:10px}
input:focus{border-color:#0b7a75}
:focus-visible{outline:3px solid #14b8a6;outline-offset:2px}
.primary,.secondary{width:100%;margin-top:16px;padding:12px;border-radius:12px;font:inherit;font-weight:700;cursor:pointer}
.primary{border:0;background:#0b7a75;color:#fff}
.primary:hover{background:#095f5b}
.primary[disabled]{opacity:.6;cursor:progress}
.secondary{border:1px solid #cbd5e1;background:#fff;color:#0f172a;margin-top:8px}
.hint{background:#f8fafc;border:1px dashed #94a3b8;border-radius:12px;padding:10px 12px;margin:10px 0 0;font-size:14px;color:#334155}
.hint code{font-weight:700;color:#0f172a}
.note{font-size:13px;margin:4px 0 0}
.alert{color:#b91c1c;font-weight:600;margin:10px 0 0;min-height:1.2em}
.bankhead{display:flex;align-items:center;gap:10px}
.accounts{list-style:none;padding:0;margin:12px 0 0;display:grid;gap:8px}
.accounts li{border:1px solid #e2e8f0;border-radius:12px;padding:10px 12px;display:flex;justify-content:space-between}
.spinner{width:36px;height:36px;margin:18px auto;border:4px solid #ccfbf1;border-top-color:#0b7a75;border-radius:50%;
  animation:spin .9s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation:none}}
.center{text-align:center}
[hidden]{display:none!important}
`;
