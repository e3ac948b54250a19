import { render } from 'preact';
import '@/lib/ui/page.css';
import './popup.css';
import { Popup } from './Popup';
import { pageLang } from '@/lib/ui/page-lang';

render(<Popup lang={pageLang()} />, document.getElementById('app')!);
