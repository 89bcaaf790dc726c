import { render } from 'preact';
import { App } from './app';
import { currentLocale } from './i18n/i18n';
import './styles.css';

document.documentElement.lang = currentLocale() === 'zh' ? 'zh-CN' : 'en';
const root = document.getElementById('app');
if (root) render(<App />, root);
