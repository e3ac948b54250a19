import { render } from 'preact';
import '@/lib/ui/page.css';
import './options.css';
import { Options } from './Options';
import { pageLang } from '@/lib/ui/page-lang';

const lang = pageLang();
render(<Options lang={lang} />, document.getElementById('app')!);
