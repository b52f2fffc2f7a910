// whatsapp-web.js pulls puppeteer; its install would download a browser.
// We use the system Chromium (CHROMIUM_PATH) instead, so never download one.
module.exports = { skipDownload: true };
