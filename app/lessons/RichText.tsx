/** The lessons' catalogue text renderer is the shared one. */
export { RichText } from '../i18n/RichText.tsx';
