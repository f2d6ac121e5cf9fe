// Types for qrcode-terminal, which ships none: only the call the WeChat bot makes.
declare module 'qrcode-terminal' {
  const qrcodeTerminal: {
    generate(text: string, options: { small?: boolean }, callback?: (qrcode: string) => void): void;
  };
  export default qrcodeTerminal;
}
